namespace Appliance.Board.Panel;

/// <summary>Where the trunk screens and the alarm LED learn the state of spans, ports and modules.</summary>
/// <remarks>Called about once a second on the panel loop; must answer from memory.</remarks>
public interface ITrunkStatusSource
{
    IReadOnlyList<TrunkStatus> Trunks();
}
