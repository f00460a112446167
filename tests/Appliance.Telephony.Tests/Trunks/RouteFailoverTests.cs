using System.Net;
using Appliance.Telephony.Tests.Support;
using Appliance.Telephony.Trunks;
using Microsoft.Extensions.Time.Testing;
using Serilog.Events;

namespace Appliance.Telephony.Tests.Trunks;

public sealed class RouteFailoverTests
{
    private static readonly IPEndPoint s_first = IPEndPoint.Parse("192.0.2.1:5060");
    private static readonly IPEndPoint s_second = IPEndPoint.Parse("192.0.2.2:5060");
    private static readonly IReadOnlyList<IPEndPoint> s_routes = [s_first, s_second];

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-04T10:00:00Z"));
    private readonly CapturedEvents _events = new();

    [Fact]
    public void AFailedRouteIsPassedOverUntilItsHoldDownEnds()
    {
        var failover = Failover(TimeSpan.FromSeconds(60));

        failover.Failed(s_first, "answered 503 Service Unavailable", retryAfter: null);
        var during = failover.Usable(s_routes);
        _time.Advance(TimeSpan.FromSeconds(60));
        var after = failover.Usable(s_routes);

        Assert.Equal([s_second], during);
        Assert.Equal(s_routes, after);
    }

    [Fact]
    public void WhenEveryRouteIsHeldDownAllAreTriedInTheirOrder()
    {
        var failover = Failover(TimeSpan.FromSeconds(60));

        failover.Failed(s_second, "sent no final response", retryAfter: null);
        failover.Failed(s_first, "answered 500 Server Internal Error", retryAfter: null);
        var usable = failover.Usable(s_routes);

        Assert.Equal(s_routes, usable);
    }

    [Fact]
    public void ARetryAfterLongerThanTheHoldDownKeepsTheRouteDownThatLongUpToAnHour()
    {
        var failover = Failover(TimeSpan.FromSeconds(60));

        failover.Failed(s_first, "answered 503 Service Unavailable", TimeSpan.FromSeconds(300));
        failover.Failed(s_second, "answered 503 Service Unavailable", TimeSpan.FromDays(1));
        _time.Advance(TimeSpan.FromSeconds(299));
        var firstBefore = failover.IsHeldDown(s_first);
        _time.Advance(TimeSpan.FromSeconds(1));
        var firstAt = failover.IsHeldDown(s_first);
        _time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(300));
        var secondAtAnHour = failover.IsHeldDown(s_second);

        Assert.True(firstBefore);
        Assert.False(firstAt);
        Assert.False(secondAtAnHour);
    }

    [Fact]
    public void ARouteThatAnswersAgainIsUsedAtOnceAndEachChangeIsLoggedOnce()
    {
        var failover = Failover(TimeSpan.FromSeconds(60));

        failover.Failed(s_first, "answered 503 Service Unavailable", retryAfter: null);
        failover.Failed(s_first, "answered 503 Service Unavailable", retryAfter: null);
        failover.Reached(s_first);
        failover.Reached(s_first);
        var usable = failover.Usable(s_routes);

        Assert.Equal(s_routes, usable);
        Assert.Equal(
            [
                (LogEventLevel.Warning, "Outbound route 192.0.2.1:5060 answered 503 Service Unavailable: "
                    + "it is passed over for 00:01:00 while another route is left"),
                (LogEventLevel.Information, "Outbound route 192.0.2.1:5060 answers again and is used as before"),
            ],
            _events.Rendered);
    }

    [Fact]
    public void ARetryAfterThatKeepsAHeldDownRouteDownLongerIsLoggedWithItsLength()
    {
        var failover = Failover(TimeSpan.FromSeconds(60));

        failover.Failed(s_first, "sent nothing back within 4 s", retryAfter: null);
        failover.Failed(s_first, Unavailable503(300), TimeSpan.FromSeconds(300));
        failover.Failed(s_first, Unavailable503(30), TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(299));

        Assert.True(failover.IsHeldDown(s_first));
        Assert.Equal(
            [
                (LogEventLevel.Warning, "Outbound route 192.0.2.1:5060 sent nothing back within 4 s: "
                    + "it is passed over for 00:01:00 while another route is left"),
                (LogEventLevel.Warning, "Outbound route 192.0.2.1:5060 answered 503 Service Unavailable with "
                    + "Retry-After 300 s: it is passed over for 00:05:00 while another route is left"),
            ],
            _events.Rendered);
    }

    [Fact]
    public void ARouteThatFailsAgainAfterItsHoldDownRanOutIsHeldDownAndLoggedAgain()
    {
        var failover = Failover(TimeSpan.FromSeconds(60));

        failover.Failed(s_first, "answered 500 Server Internal Error", retryAfter: null);
        _time.Advance(TimeSpan.FromSeconds(61));
        failover.Failed(s_first, "answered 500 Server Internal Error", retryAfter: null);

        Assert.True(failover.IsHeldDown(s_first));
        Assert.Equal(2, _events.Rendered.Count);
    }

    [Fact]
    public void AHoldDownOfZeroHoldsNothingUnlessARetryAfterAsks()
    {
        var failover = Failover(TimeSpan.Zero);

        failover.Failed(s_first, "answered 500 Server Internal Error", retryAfter: null);
        failover.Failed(s_second, Unavailable503(120), TimeSpan.FromSeconds(120));

        Assert.False(failover.IsHeldDown(s_first));
        Assert.True(failover.IsHeldDown(s_second));
        Assert.Single(_events.Rendered);
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData("18000;duration=3600", 18000)]
    [InlineData(" 30 (Server maintenance)", 30)]
    public void TheRetryAfterOfA503IsReadAsSeconds(string header, int seconds)
    {
        var response = new Appliance.Sip.Messages.SipResponse(503, "Service Unavailable");
        response.Headers.Add("Retry-After", header);

        var wait = RouteFailover.RetryAfterOf(response);

        Assert.Equal(TimeSpan.FromSeconds(seconds), wait);
    }

    [Fact]
    public void AnUnreadableRetryAfterIsNone()
    {
        var response = new Appliance.Sip.Messages.SipResponse(503, "Service Unavailable");
        response.Headers.Add("Retry-After", "soon");

        var wait = RouteFailover.RetryAfterOf(response);

        Assert.Null(wait);
    }

    private static string Unavailable503(int retryAfterSeconds) =>
        $"answered 503 Service Unavailable with Retry-After {retryAfterSeconds} s";

    private RouteFailover Failover(TimeSpan holdDown) => new(
        new RouteFailoverOptions { HoldDown = holdDown },
        _time,
        _events.Logger);
}
