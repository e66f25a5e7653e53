import t from 'tap';
import { dockerfileBases } from '../../../src/core/images/dockerfile-bases.js';

const resolved: Array<[string, string, Record<string, string>, string[]]> = [
  ['one FROM', 'FROM node:20-bookworm-slim\nCOPY . .\n', {}, ['node:20-bookworm-slim']],
  ['case and flags', 'from --platform=linux/amd64 alpine:3.19 as build\n', {}, ['alpine:3.19']],
  ['stages are not images', 'FROM golang:1.22 AS build\nRUN go build\nFROM build AS test\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n', {}, ['golang:1.22', 'gcr.io/distroless/static']],
  ['stage by index', 'FROM a:1\nFROM b:2\nCOPY --from=0 /x /x\n', {}, ['a:1', 'b:2']],
  ['COPY --from an image', 'FROM a:1\nCOPY --from=nginx:latest /etc/nginx /etc/nginx\n', {}, ['a:1', 'nginx:latest']],
  ['scratch', 'FROM scratch\nCOPY app /\n', {}, []],
  ['global ARG default', 'ARG BASE=node:20\nFROM $BASE\n', {}, ['node:20']],
  ['build arg overrides default', 'ARG BASE=node:20\nFROM ${BASE}\n', { BASE: 'node:22' }, ['node:22']],
  ['undeclared build arg is not used', 'ARG TAG=1\nFROM a:${TAG}\n', { OTHER: 'x' }, ['a:1']],
  [':- default', 'ARG TAG\nFROM a:${TAG:-latest}\n', {}, ['a:latest']],
  [':+ alternative', 'ARG SUFFIX=x\nFROM a${SUFFIX:+-slim}\n', {}, ['a-slim']],
  ['ARG default from an earlier ARG', 'ARG V=3\nARG IMG=alpine:${V}\nFROM $IMG\n', {}, ['alpine:3']],
  ['quoted default', 'ARG IMG="alpine:3"\nFROM $IMG\n', {}, ['alpine:3']],
  ['continuation lines and comments', 'FROM \\\n  # a comment inside\n  alpine:3 \\\n  AS base\n', {}, ['alpine:3']],
  ['escape directive', '# escape=`\nFROM `\n  alpine:3\n', {}, ['alpine:3']],
];
for (const [name, text, args, images] of resolved) {
  t.test(name, async (t) => { t.same(dockerfileBases(text, args), { kind: 'resolved', images }); });
}

const unresolvable: Array<[string, string, Record<string, string>]> = [
  ['unset ARG', 'ARG BASE\nFROM $BASE\n', {}],
  ['variable never declared', 'FROM $NOWHERE\n', {}],
  ['ADD of a URL', 'FROM a:1\nADD https://example.com/x.tgz /x\n', {}],
  ['COPY --from a variable', 'FROM a:1\nARG S=a\nCOPY --from=$S /x /x\n', {}],
  ['an unknown directive', '# weird=1\nFROM a:1\n', {}],
  ['nested default', 'ARG A\nFROM a:${A:-$B}\n', {}],
  ['empty FROM', 'FROM\n', {}],
  ['an ARG after the first FROM is not global', 'FROM a:1\nARG B=2\nFROM b:${B}\n', { B: 'x' }],
];
for (const [name, text, args] of unresolvable) {
  t.test(`unresolvable: ${name}`, async (t) => { t.equal(dockerfileBases(text, args).kind, 'unresolvable'); });
}
