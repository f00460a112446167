using System.Globalization;
using System.Net;
using System.Threading.Channels;
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
/// <remarks>
/// Registrar events arrive on the SIP receive path; the database writes they cause run on one
/// writer task in the order they happened, so a database held locked by a backup delays only
/// the saving, never a SIP answer.
/// </remarks>
internal sealed class SavedBindings : IAsyncDisposable
{
    private readonly ApplianceDatabase _database;
    private readonly ILogger _log;
    private readonly Channel<(SipBinding Binding, bool Keep)> _changes =
        Channel.CreateUnbounded<(SipBinding, bool)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _writer;

    private SavedBindings(ApplianceDatabase database, ILogger log)
    {
        _database = database;
        _log = log;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Loads the saved bindings into the registrar, then keeps the table in step.</summary>
    public static SavedBindings Attach(SipRegistrar registrar, ApplianceDatabase database, ILogger log)
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

        var saved = new SavedBindings(database, log);
        registrar.BindingAdded += binding => saved._changes.Writer.TryWrite((binding, true));
        registrar.BindingRefreshed += binding => saved._changes.Writer.TryWrite((binding, true));
        registrar.BindingRemoved += binding => saved._changes.Writer.TryWrite((binding, false));
        registrar.Restore(restored);
        log.Information("Restored {Count} saved registrations", restored.Count);
        return saved;
    }

    /// <summary>Writes what is still queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _changes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        await foreach (var (binding, keep) in _changes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (keep)
                {
                    _database.SaveRegistration(ToRow(binding));
                }
                else
                {
                    _database.DeleteRegistration(binding.User, binding.Contact.ToString());
                }
            }
            catch (Exception ex)
            {
                // The registration itself stands; only its survival of a restart is lost.
                _log.Warning(
                    "Registration change of {User} could not be saved: {Reason}",
                    binding.User,
                    ex.Message);
            }
        }
    }

    private static RegistrationRow ToRow(SipBinding binding) => new()
    {
        User = binding.User,
        Contact = binding.Contact.ToString(),
        SourceAddress = binding.Source.Address.ToString(),
        SourcePort = binding.Source.Port,
        ExpiresUtc = binding.Expires.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
    };

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
