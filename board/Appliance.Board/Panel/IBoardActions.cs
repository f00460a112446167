namespace Appliance.Board.Panel;

/// <summary>Carries out a panel action (restart, reboot, factory reset).</summary>
/// <remarks>Called on the panel loop: start the work and return, never block on it.</remarks>
public interface IBoardActions
{
    void Run(BoardAction action);
}
