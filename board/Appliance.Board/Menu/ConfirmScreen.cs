using Appliance.Board.Panel;

namespace Appliance.Board.Menu;

/// <summary>
/// A question answered with Enter (yes) or Back (no). A dangerous action asks for a long press,
/// so a knock against the panel cannot set it off.
/// </summary>
internal sealed class ConfirmScreen : IMenuScreen
{
    private readonly IReadOnlyList<string> _question;
    private readonly bool _longPress;
    private readonly Func<IMenuScreen?> _yes;
    private readonly Func<IMenuScreen?> _no;

    public ConfirmScreen(
        IReadOnlyList<string> question,
        bool longPress,
        Func<IMenuScreen?> yes,
        Func<IMenuScreen?> no)
    {
        _question = question;
        _longPress = longPress;
        _yes = yes;
        _no = no;
    }

    public IReadOnlyList<string> Render() =>
        [.. _question, _longPress ? "HOLD ENTER=yes BACK" : "ENTER=yes  BACK=no"];

    public IMenuScreen? Handle(ButtonPress press) => press.Button switch
    {
        PanelButton.Enter when press.Long || !_longPress => _yes(),
        PanelButton.Back => _no(),
        _ => this,
    };
}
