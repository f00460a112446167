using System.Globalization;
using System.Net;
using Appliance.Sip.Messages;
using Appliance.Sip.Registration;
using Appliance.Storage;
using Appliance.Storage.Rows;
using Serilog;

namespace Appliance.Service.Registration;

/// <summary>
/// Keeps the registrar's bindings in the database, so that after a restart (an update, a
/// power cut) the agents' phones count as registered at once instead of at their next refresh,
/// which may be an hour away.
/// </summary>
internal static class SavedBindings
{
    /// <summary>Loads the saved bindings into the registrar, then keeps the table in step.</summary>
    public static void Attach(SipRegistrar registrar, ApplianceDatabase database, ILogger log)
    {
        var restored = new List<SipBinding>();
        foreach (var row in database.Registrations())
        {
            if (TryRead(row, out var binding))
            {
                restored.Add(binding);
            }
            else
            {
                log.Warning("Saved registration {RegistrationId} is unreadable and was dropped", row.Id);
                database.DeleteRegistration(row.User, row.Contact);
            }
        }

        registrar.BindingAdded += binding => Save(database, binding, log);
        registrar.BindingRefreshed += binding => Save(database, binding, log);
        registrar.BindingRemoved += binding => Forget(database, binding, log);
        registrar.Restore(restored);
        log.Information("Restored {Count} saved registrations", restored.Count);
    }

    private static void Save(ApplianceDatabase database, SipBinding binding, ILogger log)
    {
        try
        {
            database.SaveRegistration(new RegistrationRow
            {
                User = binding.User,
                Contact = binding.Contact.ToString(),
                SourceAddress = binding.Source.Address.ToString(),
                SourcePort = binding.Source.Port,
                ExpiresUtc = binding.Expires.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            });
        }
        catch (Exception ex)
        {
            // The registration itself stands; only its survival of a restart is lost.
            log.Warning(ex, "Registration of {User} could not be saved", binding.User);
        }
    }

    private static void Forget(ApplianceDatabase database, SipBinding binding, ILogger log)
    {
        try
        {
            database.DeleteRegistration(binding.User, binding.Contact.ToString());
        }
        catch (Exception ex)
        {
            log.Warning(ex, "Registration of {User} could not be removed from the database", binding.User);
        }
    }

    private static bool TryRead(RegistrationRow row, out SipBinding binding)
    {
        binding = null!;
        if (!SipUri.TryParse(row.Contact, out var contact)
            || !IPAddress.TryParse(row.SourceAddress, out var address)
            || row.SourcePort is < 1 or > 65535
            || !DateTimeOffset.TryParse(
                row.ExpiresUtc,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out var expires))
        {
            return false;
        }

        binding = new SipBinding(row.User, contact!, new IPEndPoint(address, row.SourcePort), expires);
        return true;
    }
}
