namespace Appliance.Sip.Registration;

/// <summary>What a recorded failure started.</summary>
internal enum RegistrationBan
{
    None,

    /// <summary>The (address, user) pair reached <see cref="RegistrarOptions.FailureLimit"/>.</summary>
    User,

    /// <summary>The address reached <see cref="RegistrarOptions.AddressFailureLimit"/>.</summary>
    Address,
}
