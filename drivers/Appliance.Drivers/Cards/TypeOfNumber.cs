namespace Appliance.Drivers.Cards;

/// <summary>Q.931 §4.5.10 type of number, as on the wire.</summary>
public enum TypeOfNumber
{
    Unknown = 0,
    International = 1,
    National = 2,
    NetworkSpecific = 3,
    Subscriber = 4,
    Abbreviated = 6,
}
