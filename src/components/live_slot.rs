use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct LiveSlotProps {
    /// The tenant a token may go to (`AppProps::tenant_origin`), if the page named one.
    pub tenant: Option<AttrValue>,
    /// Job data fetched from Tapis: (name, text) pairs, e.g. `tapis:history:<uuid>`.
    /// An input whose name is already loaded replaces it (that is how a running job
    /// is refreshed); many at once are assembled and analysed once.
    pub on_inputs: Callback<Vec<(String, String)>>,
}

/// Where the live Tapis connection goes (issue 5, `LivePanel`): it renders inside
/// the input panel, below the paste box, and hands what it fetches to `on_inputs`.
/// Until then it renders nothing.
#[function_component(LiveSlot)]
pub fn live_slot(_props: &LiveSlotProps) -> Html {
    html! {}
}
