using System.Text;
using Xunit;

namespace {{moduleName}}.Tests;

public class TemperatureFilterTests
{
    private static byte[] Body(string temperature) =>
        Encoding.UTF8.GetBytes($"{{\"machine\":{{\"temperature\":{temperature},\"pressure\":1}},\"ambient\":{{\"temperature\":21,\"humidity\":25}},\"timeCreated\":\"2024-01-01T00:00:00Z\"}}");

    [Fact]
    public void ForwardsAboveTheThreshold()
    {
        var decision = TemperatureFilter.Filter(Body("30.5"), 25);
        Assert.True(decision.Forward);
        Assert.Equal(30.5, decision.Temperature);
    }

    [Theory]
    [InlineData("25")]
    [InlineData("-3")]
    [InlineData("\"hot\"")]
    public void DropsAtOrBelowTheThresholdOrWithoutANumber(string temperature)
    {
        Assert.False(TemperatureFilter.Filter(Body(temperature), 25).Forward);
    }

    [Fact]
    public void DropsBodiesThatAreNotJson()
    {
        Assert.False(TemperatureFilter.Filter(Encoding.UTF8.GetBytes("not json"), 25).Forward);
    }

    [Fact]
    public void ReadsTheDesiredThresholdOrKeepsTheCurrentOne()
    {
        Assert.Equal(40, TemperatureFilter.ThresholdFrom("{\"TemperatureThreshold\":40,\"$version\":3}", 25));
        Assert.Equal(25, TemperatureFilter.ThresholdFrom("{\"$version\":4}", 25));
        Assert.Equal(25, TemperatureFilter.ThresholdFrom("{\"TemperatureThreshold\":\"high\"}", 25));
    }
}
