namespace Appliance.Web.Calendar;

/// <summary>The calendar of a box whose flows read it only at start: changes are stored, not applied.</summary>
public sealed class StoredCalendarOnly : ICalendarConfiguration
{
    public bool AppliesAtOnce => false;

    public string? Apply() => null;
}
