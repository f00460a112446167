using Appliance.Storage.Forecasts;

namespace Appliance.Storage.Web;

/// <summary>The stored staffing forecasts the forecast page shows and its recompute button makes.</summary>
public sealed partial class WebStore
{
    public ForecastStore Forecasts => new(_database);
}
