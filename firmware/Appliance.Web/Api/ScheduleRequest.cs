namespace Appliance.Web.Api;

/// <summary>The business-hours form: a schedule's name and each weekday's open ranges.</summary>
internal sealed record ScheduleRequest(
    string? Name,
    string? Monday,
    string? Tuesday,
    string? Wednesday,
    string? Thursday,
    string? Friday,
    string? Saturday,
    string? Sunday);
