namespace Appliance.Sip.Registration;

/// <summary>Where an outbound registration stands.</summary>
public enum SipRegistrationState
{
    /// <summary>No answer yet: the first REGISTER is on its way.</summary>
    Registering,

    /// <summary>The carrier accepted the last REGISTER and the binding has not run out.</summary>
    Registered,

    /// <summary>The last attempt was refused, unanswered by every server, or found no server.</summary>
    Failed,
}
