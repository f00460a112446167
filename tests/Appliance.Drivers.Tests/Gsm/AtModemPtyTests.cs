using Appliance.Drivers.Gsm;
using Appliance.GsmSimulator;
using Serilog.Core;

namespace Appliance.Drivers.Tests.Gsm;

/// <summary>
/// The AT modem driver through System.IO.Ports on the slave side of a real pty pair, with a module
/// simulator (echo, a locked SIM, a slow answer, URCs inside responses) on the master side.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AtModemPtyTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    // 200 characters of a call center's Chinese: a customer asking about an order and a refund.
    private static readonly string s_chinese = string.Concat(Enumerable.Repeat(
        "您好，我的订单还没有到，请问什么时候能发货？如果不能按时送到，我想申请退款。谢谢！", 5))[..200];

    private readonly PtyModem _module = PtyModem.Open();

    public void Dispose() => _module.Dispose();

    [Fact]
    public async Task StartUpUnlocksTheSimAndReadsRegistrationSignalOperatorAndImei()
    {
        await using var modem = Open();

        await modem.StartAsync(CancellationToken.None);

        Assert.Equal(GsmRegistration.Home, modem.Status.Registration);
        Assert.Equal(-73, modem.Status.SignalDbm);
        Assert.Equal("CHINA MOBILE", modem.Status.Operator);
        Assert.Equal("867698040123456", modem.Status.Imei);
        Assert.Contains($"AT+CPIN=\"{PtyModem.Pin}\"", _module.Commands);
    }

    [Fact]
    public async Task WithoutAPinALockedSimStopsTheStartWithTheReason()
    {
        await using var modem = Open(pin: null);

        var error = await Assert.ThrowsAsync<AtCommandException>(() => modem.StartAsync(CancellationToken.None));

        Assert.Equal("SIM PIN", error.Result);
    }

    [Fact]
    public async Task IncomingCallCarriesTheClipNumberAndIsAnsweredGivenDigitsAndCleared()
    {
        await using var modem = await StartedAsync();

        _module.Ring("13800138000");
        var incoming = await NextAsync(modem, GsmEventKind.IncomingCall);
        await modem.AnswerAsync(CancellationToken.None);
        await modem.RouteVoiceToSerialAsync(GsmModuleStyle.Quectel, on: true, CancellationToken.None);
        await modem.SendDtmfAsync('5', CancellationToken.None);
        _module.FarHangup();
        var ended = await NextAsync(modem, GsmEventKind.CallEnded);

        Assert.Equal("13800138000", incoming.Number);
        Assert.Equal("NO CARRIER", ended.Text);
        Assert.Contains("ATA", _module.Commands);
        Assert.Contains("AT+VTS=5", _module.Commands);
        Assert.Contains("AT+QPCMV=1,0", _module.Commands);
    }

    [Fact]
    public async Task OutboundCallIsDialledAnsweredAndHungUp()
    {
        await using var modem = await StartedAsync();

        await modem.DialAsync("13900139000", CancellationToken.None);
        _module.FarAnswer();
        await NextAsync(modem, GsmEventKind.CallAnswered);
        await modem.HangupAsync(CancellationToken.None);

        Assert.Contains("ATD13900139000;", _module.Commands);
        Assert.Contains("AT+CHUP", _module.Commands);
    }

    [Fact]
    public async Task SmsIsSentAfterThePromptAndAReceivedOneComesOutAsAnEvent()
    {
        await using var modem = await StartedAsync();

        var reference = await modem.SendSmsAsync(
            "+8613900139000", "Your ticket 42 is open", CancellationToken.None);
        _module.DeliverSms("+8613800138000", "Please call me back");
        var received = await NextAsync(modem, GsmEventKind.SmsReceived);

        Assert.Equal(17, reference);
        Assert.Equal(("+8613900139000", "Your ticket 42 is open"), Assert.Single(_module.SentSms));
        Assert.Equal("+8613800138000", received.Number);
        Assert.Equal("Please call me back", received.Text);
        Assert.Equal("26/12/03,20:15:00+32", received.ServiceCentreTime);
    }

    [Fact]
    public async Task AMessageStoredInTheSimIsReadWithCmgrThenDeletedAndComesOutAsAnEvent()
    {
        await using var modem = await StartedAsync();

        _module.StoreSms("+8613700137000", "Stored while busy");
        var received = await NextAsync(modem, GsmEventKind.SmsReceived);

        Assert.Equal("+8613700137000", received.Number);
        Assert.Equal("Stored while busy", received.Text);
        Assert.Equal("26/12/03,21:40:00+32", received.ServiceCentreTime);
        var commands = _module.Commands.ToList();
        Assert.True(commands.IndexOf("AT+CMGD=3") > commands.IndexOf("AT+CMGR=3"), string.Join(" | ", commands));
    }

    [Fact]
    public async Task AMessageTheNetworkRefusesThrowsTheCmsErrorAndTheNextOneGoesOut()
    {
        await using var modem = await StartedAsync();
        _module.RefuseSms(1);

        var refused = await Assert.ThrowsAsync<AtCommandException>(
            () => modem.SendSmsAsync("+8613900139000", "first", CancellationToken.None));
        var reference = await modem.SendSmsAsync("+8613900139000", "second", CancellationToken.None);

        Assert.Equal("+CMS ERROR: 332", refused.Result);
        Assert.Equal(17, reference);
        Assert.Equal(("+8613900139000", "second"), Assert.Single(_module.SentSms));
    }

    [Fact]
    public async Task ModuleThatStopsAnsweringIsResetAndStartedAgain()
    {
        await using var modem = await StartedAsync();
        _module.GoDeaf();

        for (int i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<AtCommandException>(() => modem.CommandAsync("AT", CancellationToken.None));
        }
        await NextAsync(modem, GsmEventKind.ModuleReset);
        var status = await modem.ReadStatusAsync(CancellationToken.None);

        Assert.Contains("AT+CFUN=1,1", _module.Commands);
        Assert.Equal(1, modem.Resets);
        Assert.True(status.Registered);
    }

    [Fact]
    public async Task ATwoPartUcs2ChineseMessageFromTheNetworkComesOutWhole()
    {
        await using var modem = await StartedAsync();

        _module.DeliverSms("+8613800138000", s_chinese[..100]);
        var received = await NextAsync(modem, GsmEventKind.SmsReceived);

        Assert.True(modem.InPduMode);
        Assert.Contains("AT+CMGF=0", _module.Commands);
        Assert.Equal("+8613800138000", received.Number);
        Assert.Equal(s_chinese[..100], received.Text);
        Assert.True(received.Complete);
        Assert.Equal("26/12/03,20:15:00+32", received.ServiceCentreTime);
    }

    [Fact]
    public async Task AnAlphanumericSenderAndExtensionCharactersArriveInSevenBit()
    {
        await using var modem = await StartedAsync();

        _module.DeliverSms("China Mobile", "Balance: 5€ [ok] {x}");
        var received = await NextAsync(modem, GsmEventKind.SmsReceived);

        Assert.Equal("China Mobile", received.Number);
        Assert.Equal("Balance: 5€ [ok] {x}", received.Text);
    }

    [Fact]
    public async Task AMessageWhoseFirstPartNeverComesIsHandedOnIncomplete()
    {
        await using var modem = await StartedAsync(partsTimeout: TimeSpan.FromSeconds(1));

        _module.DeliverSms("+8613800138000", s_chinese[..100], dropPart: 1);
        var received = await NextAsync(modem, GsmEventKind.SmsReceived);

        Assert.False(received.Complete);
        Assert.Equal(s_chinese[66..100], received.Text);
    }

    [Fact]
    public async Task TwoHundredChineseCharactersLeaveInThreePartsThatTheNetworkPutsTogether()
    {
        await using var modem = await StartedAsync();

        var reference = await modem.SendSmsAsync("+8613900139000", s_chinese, CancellationToken.None);

        Assert.Equal(17, reference);
        Assert.Equal(3, _module.SentParts);
        Assert.Equal(("+8613900139000", s_chinese), Assert.Single(_module.SentSms));
        Assert.Equal(3, _module.Commands.Count(c => c.StartsWith("AT+CMGS=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AModuleWithoutPduModeIsDrivenInTextModeWhichRefusesChinese()
    {
        using var textOnly = PtyModem.Open(new SimulatedModuleSettings { PduMode = false });
        await using var modem = OpenOn(textOnly.DevicePath);
        await modem.StartAsync(CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(
            () => modem.SendSmsAsync("+8613900139000", "你好", CancellationToken.None));
        await modem.SendSmsAsync("+8613900139000", "Hello", CancellationToken.None);

        Assert.False(modem.InPduMode);
        Assert.Contains("AT+CMGF=1", textOnly.Commands);
        Assert.Equal(("+8613900139000", "Hello"), Assert.Single(textOnly.SentSms));
    }

    [Fact]
    public async Task TextModeAskedForIsKeptOnAModuleThatHasPduMode()
    {
        await using var modem = OpenOn(_module.DevicePath, smsMode: SmsMode.Text);
        await modem.StartAsync(CancellationToken.None);

        _module.DeliverSms("+8613800138000", "Plain text");
        var received = await NextAsync(modem, GsmEventKind.SmsReceived);

        Assert.False(modem.InPduMode);
        Assert.DoesNotContain("AT+CMGF=0", _module.Commands);
        Assert.Equal("Plain text", received.Text);
    }

    [Fact]
    public async Task ABadDialStringIsRefusedBeforeItReachesTheModule()
    {
        await using var modem = await StartedAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => modem.DialAsync("139;ATH", CancellationToken.None));

        Assert.DoesNotContain(_module.Commands, c => c.Contains("ATH", StringComparison.Ordinal));
    }

    private AtModem Open(string? pin = PtyModem.Pin) => OpenOn(_module.DevicePath, pin);

    private static AtModem OpenOn(
        string device,
        string? pin = PtyModem.Pin,
        SmsMode smsMode = SmsMode.Pdu,
        TimeSpan? partsTimeout = null) => AtModem.OpenSerial(
        device,
        115200,
        new AtModemOptions
        {
            Pin = pin,
            CommandTimeout = TimeSpan.FromSeconds(3),
            ResetSettleTime = TimeSpan.FromMilliseconds(200),
            SmsMode = smsMode,
            PartsTimeout = partsTimeout ?? TimeSpan.FromMinutes(3),
        },
        TimeProvider.System,
        Logger.None);

    private async Task<AtModem> StartedAsync(TimeSpan? partsTimeout = null)
    {
        var modem = OpenOn(_module.DevicePath, partsTimeout: partsTimeout);
        await modem.StartAsync(CancellationToken.None);
        return modem;
    }

    private static Task<GsmEvent> NextAsync(AtModem modem, GsmEventKind kind) =>
        ModemEvents.NextAsync(modem, kind, s_timeout);
}
