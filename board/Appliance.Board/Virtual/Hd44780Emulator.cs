using System.Text;

namespace Appliance.Board.Virtual;

/// <summary>
/// The HD44780 character LCD controller as seen through its data bus: takes the nibbles latched on
/// each falling edge of EN and keeps the display data RAM, address counter and modes the way the
/// chip does, so the screen can be read back as text.
/// </summary>
/// <remarks>
/// Only the upper four data lines (D4-D7) are wired, as on every PCF8574 backpack: in 8-bit mode
/// an instruction carries the latched nibble in its high half and zeros below. Thread-safe: the
/// panel writes on its loop while the web and the terminal read.
/// </remarks>
public sealed class Hd44780Emulator
{
    private const int DdramSize = 0x80;
    private const int LineLength = 0x28;
    private const int SecondLine = 0x40;

    private readonly Lock _lock = new();
    private readonly byte[] _ddram = new byte[DdramSize];
    private readonly byte[] _cgram = new byte[64];
    private readonly int _columns;
    private readonly int _rows;
    private bool _eightBit = true;
    private bool _twoLine;
    private int? _pendingHigh;
    private int _address;
    private bool _cgramSelected;
    private bool _increment = true;
    private bool _shiftOnWrite;
    private int _displayShift;
    private bool _displayOn;

    /// <param name="columns">Visible characters per row (16 or 20).</param>
    /// <param name="rows">Visible rows (1, 2 or 4).</param>
    public Hd44780Emulator(int columns, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, 20);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, 4);
        _columns = columns;
        _rows = rows;

        // HD44780 datasheet, "Reset Function": display data RAM is not cleared at power-on and
        // holds whatever it powers up with; spaces make the screen read as empty.
        Array.Fill(_ddram, (byte)' ');
    }

    /// <summary>Visible characters per row.</summary>
    public int Columns => _columns;

    /// <summary>Visible rows.</summary>
    public int Rows => _rows;

    /// <summary>Instructions and data bytes executed since power-on.</summary>
    public int Executed { get; private set; }

    /// <summary>Whether the display is on (display control D bit).</summary>
    public bool DisplayOn
    {
        get
        {
            lock (_lock)
            {
                return _displayOn;
            }
        }
    }

    /// <summary>Whether the controller has been switched to 4-bit transfers.</summary>
    public bool FourBitMode
    {
        get
        {
            lock (_lock)
            {
                return !_eightBit;
            }
        }
    }

    /// <summary>
    /// Takes one transfer latched on a falling edge of EN with R/W low.
    /// </summary>
    /// <param name="registerSelect">RS: true for the data register, false for instructions.</param>
    /// <param name="nibble">The levels of D7-D4 in the low four bits.</param>
    public void Latch(bool registerSelect, int nibble)
    {
        nibble &= 0x0F;
        lock (_lock)
        {
            if (_eightBit)
            {
                ExecuteLocked(registerSelect, (byte)(nibble << 4));
                return;
            }

            // HD44780 datasheet, "Interfacing to the MPU": in 4-bit mode the high nibble goes first.
            if (_pendingHigh is not { } high)
            {
                _pendingHigh = nibble;
                return;
            }

            _pendingHigh = null;
            ExecuteLocked(registerSelect, (byte)(high << 4 | nibble));
        }
    }

    /// <summary>
    /// The visible rows as text, decoded with the A00 (Japanese) character ROM; blank while the
    /// display is off. Custom characters read as '?'.
    /// </summary>
    public IReadOnlyList<string> ReadRows()
    {
        lock (_lock)
        {
            var rows = new string[_rows];
            for (var row = 0; row < _rows; row++)
            {
                var text = new StringBuilder(_columns);
                for (var column = 0; column < _columns; column++)
                {
                    text.Append(_displayOn ? Decode(_ddram[VisibleAddressLocked(row, column)]) : ' ');
                }

                rows[row] = text.ToString();
            }

            return rows;
        }
    }

    /// <summary>
    /// Where a visible cell reads from. A 20x4 module is two 40-character lines folded: rows 0
    /// and 2 are line one (0x00 and 0x14), rows 1 and 3 line two (0x40 and 0x54); a display
    /// shift moves both lines together.
    /// </summary>
    private int VisibleAddressLocked(int row, int column)
    {
        var line = _twoLine ? row % 2 : 0;
        var fold = _twoLine ? row / 2 : row;
        var offset = ((fold * _columns) + column + _displayShift) % LineLength;
        if (offset < 0)
        {
            offset += LineLength;
        }

        return (line * SecondLine) + offset;
    }

    private void ExecuteLocked(bool registerSelect, byte value)
    {
        Executed++;
        if (registerSelect)
        {
            WriteDataLocked(value);
            return;
        }

        // HD44780 datasheet, Table 6: the highest set bit selects the instruction.
        if ((value & 0x80) != 0)
        {
            _address = NormaliseLocked(value & 0x7F);
            _cgramSelected = false;
        }
        else if ((value & 0x40) != 0)
        {
            _address = value & 0x3F;
            _cgramSelected = true;
        }
        else if ((value & 0x20) != 0)
        {
            var eightBit = (value & 0x10) != 0;
            if (_eightBit && !eightBit)
            {
                _pendingHigh = null;
            }

            _eightBit = eightBit;
            _twoLine = (value & 0x08) != 0;
        }
        else if ((value & 0x10) != 0)
        {
            var right = (value & 0x04) != 0;
            if ((value & 0x08) != 0)
            {
                _displayShift += right ? -1 : 1;
            }
            else
            {
                _address = StepLocked(_address, right ? 1 : -1);
            }
        }
        else if ((value & 0x08) != 0)
        {
            _displayOn = (value & 0x04) != 0;
        }
        else if ((value & 0x04) != 0)
        {
            _increment = (value & 0x02) != 0;
            _shiftOnWrite = (value & 0x01) != 0;
        }
        else if ((value & 0x02) != 0)
        {
            _address = 0;
            _cgramSelected = false;
            _displayShift = 0;
        }
        else if ((value & 0x01) != 0)
        {
            // Clear display also sets I/D to increment (datasheet, "Clear Display").
            Array.Fill(_ddram, (byte)' ');
            _address = 0;
            _cgramSelected = false;
            _displayShift = 0;
            _increment = true;
        }
    }

    private void WriteDataLocked(byte value)
    {
        var step = _increment ? 1 : -1;
        if (_cgramSelected)
        {
            _cgram[_address] = value;
            _address = (_address + step) & 0x3F;
            return;
        }

        _ddram[_address] = value;
        _address = StepLocked(_address, step);
        if (_shiftOnWrite)
        {
            _displayShift += step;
        }
    }

    /// <summary>In two-line mode the counter runs 0x00-0x27 then 0x40-0x67 and wraps.</summary>
    private int StepLocked(int address, int step)
    {
        if (!_twoLine)
        {
            return (address + step + 0x50) % 0x50;
        }

        var linear = (address >= SecondLine ? address - SecondLine + LineLength : address) + step;
        linear = (linear + (2 * LineLength)) % (2 * LineLength);
        return linear >= LineLength ? linear - LineLength + SecondLine : linear;
    }

    private int NormaliseLocked(int address)
    {
        if (!_twoLine)
        {
            return address % 0x50;
        }

        return address >= SecondLine
            ? SecondLine + ((address - SecondLine) % LineLength)
            : address % LineLength;
    }

    /// <summary>
    /// HD44780 A00 ROM: ASCII except 0x5C (yen) and 0x7E/0x7F (arrows), half-width katakana at
    /// 0xA1-0xDF. It has no Chinese characters at all.
    /// </summary>
    private static char Decode(byte code) => code switch
    {
        < 0x10 => '?',
        0x5C => '¥',
        0x7E => '→',
        0x7F => '←',
        >= 0x20 and < 0x80 => (char)code,
        >= 0xA1 and <= 0xDF => (char)(0xFF61 + (code - 0xA1)),
        _ => '?',
    };
}
