namespace Appliance.CallCenter.Dialer;

/// <summary>A snapshot of a campaign's live counters, taken under the controller's lock.</summary>
public sealed record CampaignProgress
{
    public required CampaignState State { get; init; }

    public int ContactsTotal { get; init; }

    /// <summary>Contacts not yet closed (pending, waiting for a retry or call-back, or dialling).</summary>
    public int ContactsOpen { get; init; }

    public int Dials { get; init; }

    public int Connected { get; init; }

    public int Abandoned { get; init; }

    public int Machines { get; init; }

    public int Busy { get; init; }

    public int NoAnswer { get; init; }

    public int Failed { get; init; }

    public int CallsInProgress { get; init; }

    public int AgentsReady { get; init; }

    public int AgentsTalking { get; init; }

    public int AgentsWrappingUp { get; init; }

    /// <summary>Connected and abandoned: the calls a person answered.</summary>
    public int LiveAnswers => Connected + Abandoned;

    /// <summary>Abandoned per live answer over the whole campaign (0 before any answer).</summary>
    public double AbandonRate => LiveAnswers == 0 ? 0 : (double)Abandoned / LiveAnswers;

    public TimeSpan TalkTime { get; init; }
}
