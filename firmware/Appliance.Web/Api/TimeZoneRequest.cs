namespace Appliance.Web.Api;

/// <summary>The business-hours page's time zone form: an IANA zone id such as Asia/Shanghai.</summary>
internal sealed record TimeZoneRequest(string? TimeZone);
