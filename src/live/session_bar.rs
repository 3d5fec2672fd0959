use yew::prelude::*;

use super::model::session::{expiry_words, Session};
use super::model::tenant::Reach;

#[derive(PartialEq, Properties)]
pub struct SessionBarProps {
    pub session: Session,
    /// Unix seconds, for "3 h 52 min left".
    pub now: i64,
    pub on_forget: Callback<()>,
}

/// Who is connected where, until when; "Forget token".
#[function_component(SessionBar)]
pub fn session_bar(props: &SessionBarProps) -> Html {
    let s = &props.session;
    let on_forget = props.on_forget.reform(|_: MouseEvent| ());
    html! {
        <div class="live-session">
            <p>
                { "Connected to " }<strong>{ &s.tenant.id }</strong>
                { format!(" ({})", s.tenant.base_url) }
                { " as " }<strong>{ &s.user }</strong>
                { format!(" · token: {}", expiry_words(s.expires_at, props.now)) }
                if s.tenant.reach == Reach::Loopback {
                    { " · a tenant on this computer" }
                }
            </p>
            <button type="button" onclick={on_forget}>{ "Forget token" }</button>
        </div>
    }
}
