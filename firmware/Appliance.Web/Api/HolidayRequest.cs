namespace Appliance.Web.Api;

/// <summary>The holiday form: the date (yyyy-MM-dd) and its name.</summary>
internal sealed record HolidayRequest(string? Date, string? Name);
