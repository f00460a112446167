namespace Appliance.Web.Api;

/// <summary>
/// The extension form of the admin pages. <see cref="Language"/> is the prompt set its owner hears
/// on feature codes and the mailbox: empty for the box's, left out (null) to keep the stored one.
/// </summary>
internal sealed record ExtensionRequest(
    string? Number,
    string? Password,
    string? DisplayName,
    string? Language = null);
