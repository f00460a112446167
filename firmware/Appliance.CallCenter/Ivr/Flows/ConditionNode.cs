namespace Appliance.CallCenter.Ivr.Flows;

/// <summary>
/// Goes to <paramref name="Then"/> when every condition given holds at the call's local time,
/// otherwise to <paramref name="Else"/>: the day is one of <paramref name="Weekdays"/>, the time
/// is in [<paramref name="From"/>, <paramref name="To"/>) (a range past midnight wraps), the day
/// is (or, with false, is not) one of the document's or the box's holidays, the box's business
/// schedule named <paramref name="Schedule"/> is open (see <see cref="Calendar.BusinessCalendar.IsOpen"/>),
/// a variable has a value.
/// </summary>
public sealed record ConditionNode(
    string Id,
    IReadOnlySet<DayOfWeek>? Weekdays,
    TimeOnly? From,
    TimeOnly? To,
    bool? Holiday,
    string? Schedule,
    string? Variable,
    string? EqualsValue,
    string Then,
    string Else) : FlowNode(Id)
{
    public override IEnumerable<(string Field, string Target)> Branches() => [("then", Then), ("else", Else)];
}
