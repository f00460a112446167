namespace Appliance.Drivers.Cards;

/// <summary>Q.931 §4.5.10 numbering plan identification, as on the wire.</summary>
public enum NumberingPlan
{
    Unknown = 0,
    Isdn = 1,
    Data = 3,
    Telex = 4,
    National = 8,
    Private = 9,
}
