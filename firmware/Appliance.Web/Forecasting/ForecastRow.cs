namespace Appliance.Web.Forecasting;

/// <summary>The forecast of one 15-minute interval as the page and the CSV show it.</summary>
/// <param name="StartUtc">Start of the interval.</param>
/// <param name="Start">Local start in the box's zone, HH:mm.</param>
/// <param name="Offered">Calls expected, to one decimal.</param>
/// <param name="HandleTimeSeconds">Average handle time measured in the history.</param>
/// <param name="PatienceSeconds">Measured patience; null when nobody in the history hung up.</param>
/// <param name="AgentsErlangC">Agents for the service-level goal by Erlang C.</param>
/// <param name="AgentsErlangA">Agents for the abandon goal by Erlang A with the measured patience.</param>
/// <param name="ExpectedServiceLevelPercent">Service level with <paramref name="AgentsErlangC"/>
/// agents; null when no call is expected.</param>
public sealed record ForecastRow(
    DateTimeOffset StartUtc,
    string Start,
    double Offered,
    int HandleTimeSeconds,
    int? PatienceSeconds,
    int AgentsErlangC,
    int AgentsErlangA,
    double? ExpectedServiceLevelPercent);
