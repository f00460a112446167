using Appliance.Board.Panel;

namespace Appliance.Board.Menu;

/// <summary>One screen of the setup menu: what it shows and where a button press leads.</summary>
internal interface IMenuScreen
{
    /// <summary>The rows to show; shorter rows are padded, longer ones cut.</summary>
    IReadOnlyList<string> Render();

    /// <summary>The screen to show next: itself to stay, null to leave the menu.</summary>
    IMenuScreen? Handle(ButtonPress press);
}
