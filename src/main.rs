fn main() {
    yew::Renderer::<tapis_job_profiler::App>::new().render();
}
