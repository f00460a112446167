namespace Appliance.Drivers.Cards;

/// <summary>What a card port is; the values are the ABI's sparkle_port_kind.</summary>
public enum PortKind
{
    E1Pri = 1,
    E1R2 = 2,
    Fxo = 3,
    Gsm = 4,
}
