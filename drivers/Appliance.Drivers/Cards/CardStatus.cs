namespace Appliance.Drivers.Cards;

/// <summary>The status codes of the sparkle_card ABI; <see cref="Ok"/> is the only success.</summary>
public enum CardStatus
{
    Ok = 0,
    InvalidArgument = -1,
    BadHandle = -2,
    UnknownPort = -3,
    UnknownChannel = -4,
    Timeout = -5,
    Busy = -6,
    WrongState = -7,
    IOError = -8,
    Unsupported = -9,
    NoMemory = -10,
    Alarm = -11,
}
