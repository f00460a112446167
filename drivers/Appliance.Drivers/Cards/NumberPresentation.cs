namespace Appliance.Drivers.Cards;

/// <summary>Q.931 §4.5.10 presentation indicator of a calling number.</summary>
public enum NumberPresentation
{
    Allowed = 0,
    Restricted = 1,
    NotAvailable = 2,
}
