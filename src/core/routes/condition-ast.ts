/** The parsed WHERE condition of a route. The route-grammar work fills in the node kinds. */
export interface Expression {
  kind: string;
}
