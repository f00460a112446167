using Appliance.Sip.Auth;
using Appliance.Sip.Messages;
using Appliance.Sip.Transactions;
using Serilog;

namespace Appliance.Telephony.Agents;

/// <summary>
/// Lets a feature-code INVITE through only with the digest credentials of the agent it acts on.
/// The box is the UAS of such a call, so it challenges with 401 and WWW-Authenticate (RFC 3261
/// §22.2), with the same authenticator and passwords as REGISTER: a phone that registers can
/// dial the codes, and no address, however trusted, stands in for the password.
/// </summary>
internal sealed class FeatureCodeGate
{
    private readonly DigestAuthenticator _auth;
    private readonly Func<string, string?> _passwords;
    private readonly ILogger _log;

    public FeatureCodeGate(DigestAuthenticator auth, Func<string, string?> passwords, ILogger log)
    {
        _auth = auth;
        _passwords = passwords;
        _log = log;
    }

    /// <summary>
    /// Checks the INVITE of <paramref name="agentId"/> (its From user). Returns null when the
    /// credentials are the agent's own, otherwise the final response to send (a challenge, or 403
    /// for another user's credentials).
    /// </summary>
    public SipResponse? Check(SipServerTransaction invite, string agentId)
    {
        var request = invite.Request;
        var verification = _auth.Verify(request, _passwords);
        switch (verification.Outcome)
        {
            case DigestOutcome.Missing:
                return Challenge(request, stale: false);
            case DigestOutcome.Stale:
                return Challenge(request, stale: true);
            case DigestOutcome.Invalid:
                _log.Warning(
                    "Security: feature code INVITE from {RemoteEndPoint} for agent {Agent} refused: "
                        + "wrong credentials for {User}",
                    invite.RemoteEndPoint,
                    agentId,
                    verification.UserName);
                return Challenge(request, stale: false);
        }

        // One agent's password must not change another agent's state (RFC 3261 §22.1: the
        // authenticated identity, not the From header, is what the box may trust).
        if (!string.Equals(verification.UserName, agentId, StringComparison.Ordinal))
        {
            _log.Warning(
                "Security: feature code INVITE from {RemoteEndPoint} for agent {Agent} refused: "
                    + "authenticated as {User}",
                invite.RemoteEndPoint,
                agentId,
                verification.UserName);
            return request.CreateResponse(403, "Forbidden", SipTransactionLayer.NewTag());
        }

        return null;
    }

    private SipResponse Challenge(SipRequest request, bool stale)
    {
        var response = request.CreateResponse(401, "Unauthorized", SipTransactionLayer.NewTag());
        response.Headers.Add("WWW-Authenticate", _auth.CreateChallenge(stale));
        return response;
    }
}
