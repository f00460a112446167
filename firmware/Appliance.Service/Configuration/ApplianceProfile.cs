namespace Appliance.Service.Configuration;

/// <summary>Which set of embedded defaults the box starts with.</summary>
public enum ApplianceProfile
{
    /// <summary>Seeded demo data and demo credentials, for a laptop or a showroom.</summary>
    Demo,

    /// <summary>
    /// A box at a customer: nothing is seeded. Until the setup wizard exists this profile
    /// starts with whatever the database holds.
    /// </summary>
    Production,
}
