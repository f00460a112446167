namespace Appliance.Drivers.Cards;

/// <summary>The G.711 law of a port's 160-byte frames.</summary>
public enum CompandingLaw
{
    ALaw = 1,
    MuLaw = 2,
}
