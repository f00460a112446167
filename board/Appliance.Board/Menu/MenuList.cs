using Appliance.Board.Panel;

namespace Appliance.Board.Menu;

/// <summary>A title and a scrolling list: Up/Down move the marker, Enter opens, Back returns.</summary>
internal sealed class MenuList : IMenuScreen
{
    private readonly string _title;
    private readonly IReadOnlyList<MenuItem> _items;
    private readonly Func<IMenuScreen?> _back;
    private readonly int _rows;
    private int _selected;

    public MenuList(string title, IReadOnlyList<MenuItem> items, Func<IMenuScreen?> back, int rows)
    {
        _title = title;
        _items = items;
        _back = back;
        _rows = rows;
    }

    public string Selected => _items[_selected].Label;

    public IReadOnlyList<string> Render()
    {
        var visible = Math.Max(1, _rows - 1);
        var first = Math.Clamp(_selected - visible + 1, 0, Math.Max(0, _items.Count - visible));
        var lines = new List<string>(_rows) { _title };
        for (var i = first; i < first + visible && i < _items.Count; i++)
        {
            lines.Add((i == _selected ? "> " : "  ") + _items[i].Label);
        }

        return lines;
    }

    public IMenuScreen? Handle(ButtonPress press)
    {
        switch (press.Button)
        {
            case PanelButton.Up:
                _selected = (_selected + _items.Count - 1) % _items.Count;
                return this;
            case PanelButton.Down:
                _selected = (_selected + 1) % _items.Count;
                return this;
            case PanelButton.Enter:
                return _items[_selected].Open(press);
            default:
                return _back();
        }
    }
}
