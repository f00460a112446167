namespace Appliance.Web.Live;

/// <summary>
/// One campaign right now: its state (notstarted, running, paused, stopped, finished), its
/// dialling mode, its contacts and the results of its attempts so far. The abandon rate is
/// abandoned calls per live answer (connected plus abandoned), 0 to 1.
/// </summary>
public sealed record LiveCampaign(
    string Name,
    string State,
    string Mode,
    int ContactsTotal,
    int ContactsOpen,
    int Dials,
    int Connected,
    int Abandoned,
    int Busy,
    int NoAnswer,
    int Failed,
    int Machines,
    int CallsInProgress,
    int AgentsReady,
    int AgentsTalking,
    int AgentsWrappingUp,
    double AbandonRate);
