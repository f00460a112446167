namespace Appliance.Board.Profiles;

/// <summary>Where the character LCD sits: an HD44780 behind a PCF8574 backpack.</summary>
/// <param name="Bus">The I2C bus number (/dev/i2c-N).</param>
/// <param name="Address">The expander's 7-bit address, 0x27 for a PCF8574T with A0-A2 high.</param>
/// <param name="Columns">Characters per row.</param>
/// <param name="Rows">Rows.</param>
public sealed record LcdWiring(int Bus, int Address, int Columns, int Rows);
