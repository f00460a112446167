namespace Appliance.Web.Sms;

/// <summary>
/// Text messages through the box's GSM modules, as the web shows and sends them. The service
/// adapts its store-and-forward queue to it.
/// </summary>
/// <remarks>Called from request threads; must be thread-safe and must not block on a module.</remarks>
public interface ISmsCenter
{
    /// <summary>Raised once for each message a module received, after it is stored.</summary>
    event Action<SmsView>? Received;

    /// <summary>The newest messages, both ways, newest first.</summary>
    IReadOnlyList<SmsView> Recent(int count);

    /// <summary>Stores an outgoing message; it is sent as soon as a module accepts it.</summary>
    /// <param name="number">The recipient, dial characters with an optional leading +.</param>
    /// <param name="text">At most 670 characters in any script, no control characters but line
    /// breaks; long text goes as concatenated parts.</param>
    /// <param name="queuedBy">The user or token that asked.</param>
    SmsView Queue(string number, string text, string queuedBy);
}
