using Appliance.CallCenter.Dialer;
using Microsoft.Extensions.Time.Testing;
using Serilog;

namespace Appliance.CallCenter.Tests.Dialer;

/// <summary>A campaign controller on a fake clock at noon in New York, recording what it asks for.</summary>
internal sealed class ControllerHarness
{
    public ControllerHarness(DialingMode mode, int contacts = 10, TimeSpan? abandonHold = null)
    {
        Contacts = new SchedulerBuilder().WithContacts(contacts).Contacts;
        Campaign = new Campaign
        {
            Name = "spring",
            CallerId = "+1 212 555 0000",
            TrunkGroup = "carrier-a",
            Mode = mode,
            AbandonHold = abandonHold ?? TimeSpan.Zero,
        };
        Controller = new CampaignController(Campaign, Contacts, DoNotCall, Time, new LoggerConfiguration().CreateLogger());
        Controller.DialRequested += Dials.Add;
        Controller.PreviewOffered += Previews.Add;
        Controller.StateChanged += States.Add;
        Controller.HeldCallRouted += HeldRoutings.Add;
    }

    public FakeTimeProvider Time { get; } = new(SchedulerBuilder.MondayNoonNewYork);

    public ContactList Contacts { get; }

    public DoNotCallList DoNotCall { get; } = new();

    public Campaign Campaign { get; }

    public CampaignController Controller { get; }

    public List<DialRequest> Dials { get; } = [];

    public List<PreviewOffer> Previews { get; } = [];

    public List<CampaignState> States { get; } = [];

    public List<AnswerRouting> HeldRoutings { get; } = [];

    public ControllerHarness WithAgents(params string[] agentIds)
    {
        foreach (var id in agentIds)
        {
            Controller.AgentLoggedIn(id);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        return this;
    }
}
