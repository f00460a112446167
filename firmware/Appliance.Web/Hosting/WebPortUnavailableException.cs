namespace Appliance.Web.Hosting;

/// <summary>A web listener's port cannot be bound (in use, or privileged); says which one.</summary>
public sealed class WebPortUnavailableException : IOException
{
    public WebPortUnavailableException()
    {
    }

    public WebPortUnavailableException(string message)
        : base(message)
    {
    }

    public WebPortUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>True for the HTTPS listener, false for the plain HTTP one.</summary>
    public bool Https { get; init; }
}
