namespace Appliance.Sip.Messages;

/// <summary>Canonical spelling of header names and the compact forms of RFC 3261 §7.3.3.</summary>
internal static class SipHeaderNames
{
    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string Contact = "Contact";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string MaxForwards = "Max-Forwards";
    public const string Route = "Route";
    public const string RecordRoute = "Record-Route";
    public const string Expires = "Expires";

    private static readonly Dictionary<string, string> s_canonical = Build();
    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_lookup =
        s_canonical.GetAlternateLookup<ReadOnlySpan<char>>();

    // Headers whose value is a comma-separated list (RFC 3261 §7.3.1); the authentication
    // headers are not, since their parameters are separated by commas.
    private static readonly HashSet<string> s_listHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        Via, Contact, Route, RecordRoute, "Allow", "Supported", "Require", "Proxy-Require",
        "Unsupported", "Accept", "Accept-Encoding", "Accept-Language", "Content-Encoding",
        "Allow-Events", "In-Reply-To", "Alert-Info", "Call-Info", "Error-Info", "Path",
    };

    /// <summary>The canonical name, expanding compact forms; unknown names are returned as given.</summary>
    public static string Canonical(string name) =>
        s_canonical.TryGetValue(name, out var canonical) ? canonical : name;

    /// <summary>As <see cref="Canonical(string)"/>, allocating only for names we do not know.</summary>
    public static string Canonical(ReadOnlySpan<char> name) =>
        s_lookup.TryGetValue(name, out var canonical) ? canonical : name.ToString();

    public static bool IsList(string canonicalName) => s_listHeaders.Contains(canonicalName);

    private static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string[] known =
        [
            Via, From, To, CallId, CSeq, Contact, ContentLength, ContentType, MaxForwards, Route,
            RecordRoute, Expires, "Accept", "Accept-Encoding", "Accept-Language", "Alert-Info",
            "Allow", "Allow-Events", "Authentication-Info", "Authorization", "Call-Info",
            "Content-Disposition", "Content-Encoding", "Content-Language", "Date", "Error-Info",
            "Event", "In-Reply-To", "Min-Expires", "MIME-Version", "Organization", "Path",
            "Priority", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Require", "Reason",
            "Refer-To", "Referred-By", "Reply-To", "Require", "Retry-After", "Server", "Subject",
            "Supported", "Timestamp", "Unsupported", "User-Agent", "Warning", "WWW-Authenticate",
        ];
        foreach (var name in known)
        {
            map[name] = name;
        }

        // RFC 3261 §7.3.3 and §20: compact forms.
        map["v"] = Via;
        map["f"] = From;
        map["t"] = To;
        map["i"] = CallId;
        map["m"] = Contact;
        map["l"] = ContentLength;
        map["c"] = ContentType;
        map["k"] = "Supported";
        map["e"] = "Content-Encoding";
        map["s"] = "Subject";
        map["o"] = "Event";
        map["r"] = "Refer-To";
        map["b"] = "Referred-By";
        map["u"] = "Allow-Events";

        // RFC 4028 §4: the compact form of Session-Expires.
        map["Session-Expires"] = "Session-Expires";
        map["x"] = "Session-Expires";
        return map;
    }
}
