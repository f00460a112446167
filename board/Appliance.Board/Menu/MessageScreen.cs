using Appliance.Board.Panel;

namespace Appliance.Board.Menu;

/// <summary>A few lines of information; any button goes on.</summary>
internal sealed class MessageScreen : IMenuScreen
{
    private readonly IReadOnlyList<string> _lines;
    private readonly Func<IMenuScreen?> _next;

    public MessageScreen(IReadOnlyList<string> lines, Func<IMenuScreen?> next)
    {
        _lines = lines;
        _next = next;
    }

    public IReadOnlyList<string> Render() => _lines;

    public IMenuScreen? Handle(ButtonPress press) => _next();
}
