using Appliance.CallCenter.Prompts;

namespace Appliance.Telephony.Voicemail;

/// <summary>
/// The prompts of a mailbox owner's call (*97, *98) and the keys of its menu: 1 hears the message
/// again, 2 goes to the next (a new message stays new when skipped before its end), 7 deletes
/// it, 9 saves it (keeps it as old); silence after the menu ends the call.
/// </summary>
public static class MailboxPrompts
{
    /// <summary>Dialled from the owner's own phone: its own mailbox.</summary>
    public const string OwnMailboxCode = "*97";

    /// <summary>Dialled from any phone: the mailbox number (keyed, or dialled after the code as
    /// <c>*981002</c>), then its PIN.</summary>
    public const string AnyMailboxCode = "*98";

    public const string EnterMailbox = "mailbox-number";
    public const string EnterPin = "mailbox-pin";
    public const string Refused = "mailbox-refused";
    public const string YouHave = "mailbox-you-have";
    public const string NewMessage = "mailbox-new-message";
    public const string NewMessages = "mailbox-new-messages";
    public const string NoNewMessages = "mailbox-no-new";
    public const string MessageMenu = "mailbox-menu";
    public const string Deleted = "mailbox-deleted";
    public const string Saved = "mailbox-saved";
    public const string NoMoreMessages = "mailbox-no-more";

    /// <summary>Every prompt above and the numbers the count of new messages is said with, for
    /// loading at start.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        EnterMailbox, EnterPin, Refused, YouHave, NewMessage, NewMessages, NoNewMessages, MessageMenu,
        Deleted, Saved, NoMoreMessages, .. NumberPrompts.All,
    ];

    /// <summary>Whether a dialled number is one of the mailbox codes, <c>*98</c> with or without a mailbox.</summary>
    public static bool IsMailboxCode(string dialled) =>
        dialled == OwnMailboxCode || MailboxDialled(dialled) is not null;

    /// <summary>The mailbox dialled after <c>*98</c> (empty for <c>*98</c> alone), or null for another number.</summary>
    public static string? MailboxDialled(string dialled)
    {
        if (!dialled.StartsWith(AnyMailboxCode, StringComparison.Ordinal) || dialled.Length > AnyMailboxCode.Length + 16)
        {
            return null;
        }

        var mailbox = dialled[AnyMailboxCode.Length..];
        return mailbox.All(char.IsAsciiDigit) ? mailbox : null;
    }
}
