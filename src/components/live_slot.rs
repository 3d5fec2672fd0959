use yew::prelude::*;

use crate::live::LivePanel;

#[derive(PartialEq, Properties)]
pub struct LiveSlotProps {
    /// The tenant a token may go to (`AppProps::tenant_origin`), if the page named one.
    pub tenant: Option<AttrValue>,
    /// Mounted as a component of another page (`AppProps::in_component`): the live
    /// panel warns before a token is typed.
    #[prop_or_default]
    pub in_component: bool,
    /// Job data fetched from Tapis: (name, text) pairs, `tapis:jobs` for the listing and
    /// `tapis:history:<uuid>` per job. An input whose name is already loaded replaces it
    /// (that is how a running job is refreshed); many at once are assembled and analysed
    /// once.
    pub on_inputs: Callback<Vec<(String, String)>>,
}

/// Where the live Tapis connection goes: the [`LivePanel`] (`src/live`), inside the
/// input panel below the paste box. What it fetches goes to `on_inputs`, and from there
/// through the page's reducer like any other input.
#[function_component(LiveSlot)]
pub fn live_slot(props: &LiveSlotProps) -> Html {
    html! {
        <LivePanel tenant={props.tenant.clone()} in_component={props.in_component}
            on_import={props.on_inputs.clone()} />
    }
}
