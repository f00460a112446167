using Appliance.Drivers.Gsm;

namespace Appliance.Telephony.Trunks;

/// <summary>
/// How a <see cref="GsmTrunkModule"/> opens its AT port and its serial PCM port when it starts, so
/// a module whose device is missing at boot (a USB module still enumerating, a cable out) is
/// opened later instead of stopping the service. Each opener throws <see cref="IOException"/>,
/// <see cref="UnauthorizedAccessException"/> or <see cref="ArgumentException"/> while its device
/// cannot be opened; the device paths name the failure in the log.
/// </summary>
public sealed record GsmModuleDevices(
    string ModemDevice,
    Func<AtModem> OpenModem,
    string VoiceDevice,
    Func<GsmVoiceChannel> OpenVoice);
