using System.Net;
using Appliance.Sip.Messages;

namespace Appliance.Sip.Transactions;

/// <summary>Matching of received requests to server transactions (RFC 3261 §17.2.3, §9.2).</summary>
internal static class SipIncomingRequests
{
    public static void Handle(SipTransactionLayer layer, SipRequest request, IPEndPoint source)
    {
        switch (request.Method)
        {
            case "ACK":
                HandleAck(layer, request, source);
                break;
            case "CANCEL":
                HandleCancel(layer, request, source);
                break;
            default:
                HandleOther(layer, request, source);
                break;
        }
    }

    private static void HandleOther(SipTransactionLayer layer, SipRequest request, IPEndPoint source)
    {
        var key = SipTransactionKeys.Server(request, request.Method);
        if (key is null)
        {
            return;
        }

        SipServerTransaction? existing;
        SipServerTransaction? created = null;
        lock (layer.Gate)
        {
            if (!layer.TryGetServerLocked(key, out existing))
            {
                created = new SipServerTransaction(layer, key, request, source);
                if (!layer.TryAddServerLocked(created))
                {
                    return;
                }

                created.StartTryingTimerLocked();
            }
        }

        if (existing is not null)
        {
            existing.OnRetransmission();
            return;
        }

        if (layer.RequestReceived is null)
        {
            var unavailable = request.CreateResponse(503, toTag: SipTransactionLayer.NewTag());
            _ = created!.SendResponseAsync(unavailable).AsTask();
            return;
        }

        layer.Log.Debug(
            "New {Method} transaction {CallId} from {RemoteEndPoint}",
            request.Method,
            request.CallId,
            source);
        layer.Dispatch(layer.RequestReceived, created!);
    }

    private static void HandleAck(SipTransactionLayer layer, SipRequest ack, IPEndPoint source)
    {
        var key = SipTransactionKeys.Server(ack, "INVITE");
        var ackKey = SipTransactionKeys.Acknowledged(ack);
        lock (layer.Gate)
        {
            var absorbed = key is not null
                && layer.TryGetServerLocked(key, out var invite)
                && invite!.TryAbsorbAckLocked();
            if (absorbed)
            {
                return;
            }

            if (ackKey is not null && layer.TryTakeAwaitingAckLocked(ackKey, out var accepted))
            {
                accepted!.OnAckFor2xxLocked();
            }
        }

        layer.Dispatch(layer.AckReceived, ack, source);
    }

    private static void HandleCancel(SipTransactionLayer layer, SipRequest cancel, IPEndPoint source)
    {
        var cancelKey = SipTransactionKeys.Server(cancel, "CANCEL");
        var inviteKey = SipTransactionKeys.Server(cancel, "INVITE");
        if (cancelKey is null || inviteKey is null)
        {
            return;
        }

        SipServerTransaction? existing;
        SipServerTransaction? invite = null;
        SipServerTransaction? created = null;
        lock (layer.Gate)
        {
            if (!layer.TryGetServerLocked(cancelKey, out existing))
            {
                created = new SipServerTransaction(layer, cancelKey, cancel, source);
                if (!layer.TryAddServerLocked(created))
                {
                    return;
                }

                layer.TryGetServerLocked(inviteKey, out invite);
            }
        }

        if (existing is not null)
        {
            existing.OnRetransmission();
            return;
        }

        if (invite is null)
        {
            var unknown = cancel.CreateResponse(481, toTag: SipTransactionLayer.NewTag());
            _ = created!.SendResponseAsync(unknown).AsTask();
            return;
        }

        // RFC 3261 §9.2: 200 to the CANCEL, with the To tag the INVITE's responses carry.
        var tag = invite.LastToTag ?? SipTransactionLayer.NewTag();
        _ = created!.SendResponseAsync(cancel.CreateResponse(200, toTag: tag)).AsTask();
        if (!invite.IsCompleted)
        {
            layer.Log.Debug("INVITE {CallId} from {RemoteEndPoint} cancelled", cancel.CallId, source);
            layer.Dispatch(layer.InviteCancelled, invite);
        }
    }
}
