using System.Device.I2c;

namespace Appliance.Board.Virtual;

/// <summary>
/// A PCF8574 I2C expander wired as the common LCD backpack, with an HD44780 behind it: port bit 0
/// is RS, 1 is R/W, 2 is EN, 3 the backlight transistor and 4-7 are D4-D7.
/// </summary>
/// <remarks>
/// Every byte written sets the eight port pins (PCF8574 datasheet, "Writing to the port"). The
/// controller latches on the falling edge of EN, so that is where a nibble is handed on. Reads
/// return the port latch, which is what a PCF8574 reports with every pin driven.
/// </remarks>
public sealed class VirtualLcdBackpack : I2cDevice
{
    private const byte RegisterSelect = 0x01;
    private const byte ReadWrite = 0x02;
    private const byte Enable = 0x04;
    private const byte Backlight = 0x08;

    private readonly Lock _lock = new();
    private byte _port = 0xFF;
    private int _writes;

    /// <param name="settings">The bus and address the driver believes it talks to.</param>
    /// <param name="columns">LCD characters per row.</param>
    /// <param name="rows">LCD rows.</param>
    public VirtualLcdBackpack(I2cConnectionSettings settings, int columns, int rows)
    {
        ConnectionSettings = settings;
        Controller = new Hd44780Emulator(columns, rows);
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>The LCD controller behind the expander.</summary>
    public Hd44780Emulator Controller { get; }

    /// <summary>Whether the backlight bit is set in the port latch.</summary>
    public bool BacklightOn
    {
        get
        {
            lock (_lock)
            {
                return (_port & Backlight) != 0;
            }
        }
    }

    /// <summary>Bytes written to the expander since it was created.</summary>
    public int Writes
    {
        get
        {
            lock (_lock)
            {
                return _writes;
            }
        }
    }

    public override byte ReadByte()
    {
        lock (_lock)
        {
            return _port;
        }
    }

    public override void Read(Span<byte> buffer)
    {
        lock (_lock)
        {
            buffer.Fill(_port);
        }
    }

    public override void WriteByte(byte value)
    {
        lock (_lock)
        {
            SetPortLocked(value);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_lock)
        {
            foreach (var value in buffer)
            {
                SetPortLocked(value);
            }
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void SetPortLocked(byte value)
    {
        _writes++;
        var falling = (_port & Enable) != 0 && (value & Enable) == 0;
        _port = value;
        if (falling && (value & ReadWrite) == 0)
        {
            Controller.Latch((value & RegisterSelect) != 0, value >> 4);
        }
    }
}
