namespace Appliance.Web.Forecasting;

/// <summary>The admin's recompute: one queue by name, or every queue when empty.</summary>
public sealed record RecomputeRequest(string? Queue);
