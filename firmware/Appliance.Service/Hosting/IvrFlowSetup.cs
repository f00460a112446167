using Appliance.CallCenter.Ivr.Flows;
using Appliance.Storage;
using Appliance.Telephony.Prompts;
using Serilog;

namespace Appliance.Service.Hosting;

/// <summary>
/// The box's IVR flows: documents from the flow folder are taken into table <c>IvrFlow</c> at
/// start, the stored ones make up the <see cref="IvrFlowLibrary"/> calls run, and every later
/// replacement (from the web pages) is checked against the box and stored before it is used.
/// </summary>
internal static class IvrFlowSetup
{
    /// <summary>
    /// Stores every valid <c>*.json</c> document of <paramref name="directory"/> as the current
    /// version of its flow. A refused file is logged with its problems and changes nothing, so the
    /// stored version it would have replaced stays in use.
    /// </summary>
    public static void Import(string directory, ApplianceDatabase database, TimeProvider time, ILogger log)
    {
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            string json;
            try
            {
                json = File.ReadAllText(path);
            }
            catch (IOException ex)
            {
                log.Error(ex, "IVR flow file {Path} cannot be read; the stored flow stays", path);
                continue;
            }

            var validation = IvrFlowValidator.Validate(json);
            if (validation.Document is not { } document)
            {
                log.Error(
                    "IVR flow file {Path} refused; the stored flow stays: {Problems}",
                    path,
                    string.Join(" ", validation.Errors));
                continue;
            }

            database.SaveFlow(document.Name, document.Version, json, time.GetUtcNow());
            log.Information(
                "IVR flow {Flow} version {FlowVersion} taken from {Path}",
                document.Name,
                document.Version,
                path);
        }
    }

    /// <summary>
    /// The library of the stored flows, checking and storing each replacement. A replacement is
    /// checked against the queues <paramref name="queueExists"/> knows at that moment (the live
    /// routing, so a queue added since start on /routing counts), the extensions stored then and
    /// the webhook secrets <paramref name="secretExists"/> knows. The stored flows are loaded
    /// without the secret check: a secret removed from the configuration since makes that webhook
    /// take its failed branch (logged at the call) rather than stop the box.
    /// </summary>
    public static IvrFlowLibrary Open(
        ConfigurationCatalogue catalogue,
        Func<string, bool> queueExists,
        Func<string, bool> secretExists,
        ApplianceDatabase database,
        PromptLibrary prompts,
        TimeProvider time,
        ILogger log)
    {
        var loading = true;
        var library = new IvrFlowLibrary(document => IvrFlowChecks.Against(
            document,
            queueExists,
            extension => database.FindExtensionPassword(extension) is not null,
            prompts,
            loading ? null : secretExists));
        // The stored schedules come first: a flow's schedule condition is checked against them.
        library.UseCalendar(database.Calendar());
        foreach (var json in catalogue.Flows)
        {
            var loaded = library.Replace(json);
            if (!loaded.IsValid)
            {
                // The catalogue checked queues and extensions and the prompts were preloaded, so
                // this is a stored document that changed underneath the start-up.
                throw new InvalidDataException(
                    $"Table IvrFlow, field Json: {string.Join(" ", loaded.Errors)}");
            }
        }

        loading = false;
        library.Replaced += (document, json) =>
        {
            database.SaveFlow(document.Name, document.Version, json, time.GetUtcNow());
            log.Information(
                "IVR flow {Flow} replaced by version {FlowVersion}; calls already in it keep theirs",
                document.Name,
                document.Version);
        };
        return library;
    }
}
