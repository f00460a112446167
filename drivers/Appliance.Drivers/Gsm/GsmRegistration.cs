namespace Appliance.Drivers.Gsm;

/// <summary>Network registration as 3GPP TS 27.007 §7.2 (+CREG) numbers it.</summary>
public enum GsmRegistration
{
    NotRegistered = 0,
    Home = 1,
    Searching = 2,
    Denied = 3,
    Unknown = 4,
    Roaming = 5,
}
