namespace Appliance.Board.Panel;

/// <summary>What an admin can ask of the box at its front panel.</summary>
public enum BoardAction
{
    RestartService,
    Reboot,
    FactoryReset,
}
