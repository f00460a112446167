namespace Appliance.Service.Configuration;

/// <summary>
/// Reads <c>Voicemail:*</c>: whether an owner on its own phone keys its PIN too, and how the
/// message-waiting NOTIFY of an unanswering phone is retried.
/// </summary>
internal sealed record VoicemailSettings(bool PinFromOwnPhone, TimeSpan NotifyRetry, int NotifyAttempts)
{
    public static VoicemailSettings Default { get; } = new(false, TimeSpan.FromSeconds(30), 5);

    /// <exception cref="ConfigurationException">A value is invalid; the key is named.</exception>
    public static VoicemailSettings Load(ConfigurationReader read)
    {
        var pin = read.String("Voicemail:PinFromOwnPhone", "false");
        if (!bool.TryParse(pin, out var pinFromOwnPhone))
        {
            throw new ConfigurationException("Voicemail:PinFromOwnPhone", $"'{pin}' is not true or false");
        }

        return new VoicemailSettings(
            pinFromOwnPhone,
            read.Duration(
                "Voicemail:NotifyRetry", Default.NotifyRetry, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            read.Int("Voicemail:NotifyAttempts", Default.NotifyAttempts, 1, 100));
    }
}
