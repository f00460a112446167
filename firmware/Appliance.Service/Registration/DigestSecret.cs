using System.Security.Cryptography;
using Appliance.Storage;

namespace Appliance.Service.Registration;

/// <summary>
/// The key digest nonces are signed with, made once per box and kept in the database, so a
/// phone's nonce stays valid across a restart and phones are not all challenged at once.
/// </summary>
internal static class DigestSecret
{
    private const string SettingKey = "sip-digest-secret";

    public static byte[] LoadOrCreate(ApplianceDatabase database)
    {
        var stored = database.GetSetting(SettingKey);
        if (stored is not null)
        {
            try
            {
                var secret = Convert.FromBase64String(stored);
                if (secret.Length >= 32)
                {
                    return secret;
                }
            }
            catch (FormatException)
            {
                // Unreadable: fall through and make a new one; outstanding nonces just go stale.
            }
        }

        var fresh = RandomNumberGenerator.GetBytes(32);
        database.SetSetting(SettingKey, Convert.ToBase64String(fresh));
        return fresh;
    }
}
