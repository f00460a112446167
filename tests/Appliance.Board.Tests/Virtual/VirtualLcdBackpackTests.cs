using System.Device.I2c;
using Appliance.Board.Virtual;
using System.Device.Gpio;
using Iot.Device.CharacterLcd;
using Iot.Device.Pcx857x;

namespace Appliance.Board.Tests.Virtual;

/// <summary>The real Iot.Device.Bindings HD44780 driver writing through the emulated PCF8574.</summary>
[Trait("Category", "Integration")]
public sealed class VirtualLcdBackpackTests
{
    private static (VirtualLcdBackpack Backpack, Lcd2004 Lcd) Open()
    {
        var backpack = new VirtualLcdBackpack(new I2cConnectionSettings(1, 0x27), 20, 4);
        var lcd = new Lcd2004(LcdInterface.CreateI2c(backpack, uses8Bit: false));
        return (backpack, lcd);
    }

    [Fact]
    public void DriverInitialisesTheControllerInFourBitModeWithTheDisplayOnAndBlank()
    {
        var (backpack, lcd) = Open();

        using (lcd)
        {
            Assert.True(backpack.Controller.FourBitMode);
            Assert.True(backpack.Controller.DisplayOn);
            Assert.True(backpack.BacklightOn);
            Assert.All(backpack.Controller.ReadRows(), row => Assert.Equal(new string(' ', 20), row));
        }
    }

    [Fact]
    public void TextWrittenOnEachRowAppearsOnThatRow()
    {
        var (backpack, lcd) = Open();

        using (lcd)
        {
            for (var row = 0; row < 4; row++)
            {
                lcd.SetCursorPosition(0, row);
                lcd.Write($"row {row} of the 20x4");
            }

            Assert.Equal(
                ["row 0 of the 20x4   ", "row 1 of the 20x4   ", "row 2 of the 20x4   ", "row 3 of the 20x4   "],
                backpack.Controller.ReadRows());
        }
    }

    [Fact]
    public void TextLongerThanARowRunsOnIntoTheThirdRowAsOnTheModule()
    {
        var (backpack, lcd) = Open();

        using (lcd)
        {
            lcd.Write("ABCDEFGHIJKLMNOPQRSTUVWXYZ");

            var rows = backpack.Controller.ReadRows();
            Assert.Equal("ABCDEFGHIJKLMNOPQRST", rows[0]);
            Assert.Equal("UVWXYZ" + new string(' ', 14), rows[2]);
        }
    }

    [Fact]
    public void ClearBlanksTheScreenAndWritingStartsAtHomeAgain()
    {
        var (backpack, lcd) = Open();

        using (lcd)
        {
            lcd.SetCursorPosition(5, 3);
            lcd.Write("gone");
            lcd.Clear();
            lcd.Write("fresh");

            var rows = backpack.Controller.ReadRows();
            Assert.Equal("fresh" + new string(' ', 15), rows[0]);
            Assert.Equal(new string(' ', 20), rows[3]);
        }
    }

    [Fact]
    public void DisplayOffHidesTheTextAndOnShowsItAgain()
    {
        var (backpack, lcd) = Open();

        using (lcd)
        {
            lcd.Write("hello");
            lcd.DisplayOn = false;
            var hidden = backpack.Controller.ReadRows()[0];
            lcd.DisplayOn = true;

            Assert.Equal(new string(' ', 20), hidden);
            Assert.StartsWith("hello", backpack.Controller.ReadRows()[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BacklightOffClearsTheBacklightBitOnTheExpander()
    {
        var (backpack, lcd) = Open();

        using (lcd)
        {
            lcd.BacklightOn = false;

            Assert.False(backpack.BacklightOn);
        }
    }

    [Fact]
    public void ShiftingTheDisplayLeftMovesTheTextOneCellLeft()
    {
        var (backpack, lcd) = Open();

        using (lcd)
        {
            lcd.SetCursorPosition(1, 1);
            lcd.Write("shifted");
            lcd.ShiftDisplayLeft();

            Assert.StartsWith("shifted", backpack.Controller.ReadRows()[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DriverOverThePcf8574GpioPathWritesTheSameScreen()
    {
        var backpack = new VirtualLcdBackpack(new I2cConnectionSettings(1, 0x27), 20, 4);
        using var controller = new GpioController(new Pcf8574(backpack));
        using var lcd = new Lcd2004(
            registerSelectPin: 0,
            enablePin: 2,
            dataPins: [4, 5, 6, 7],
            backlightPin: 3,
            backlightBrightness: 1f,
            readWritePin: 1,
            controller: controller,
            shouldDispose: false);

        lcd.SetCursorPosition(0, 3);
        lcd.Write("over GPIO pins");

        Assert.Equal("over GPIO pins      ", backpack.Controller.ReadRows()[3]);
    }
}
