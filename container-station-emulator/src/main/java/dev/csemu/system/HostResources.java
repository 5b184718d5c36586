package dev.csemu.system;

import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /system/resource} figures: the latest background sample, or figures set at
 * run time (by the control API) until cleared. The body is serialized once per sample,
 * not per request.
 */
public final class HostResources {

	private final ResourceSampler sampler;

	private final JsonMapper jsonMapper;

	private volatile ResourceFigures override;

	private volatile Rendered rendered;

	HostResources(ResourceSampler sampler, JsonMapper jsonMapper) {
		this.sampler = sampler;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * The figures {@code /system/resource} reports now.
	 * @return the override if one is set, else the latest sample
	 */
	public ResourceFigures figures() {
		ResourceFigures figures = this.override;
		return (figures != null) ? figures : this.sampler.latest();
	}

	/**
	 * The {@code /system/resource} body now.
	 * @return the response
	 */
	public ResourceResponse current() {
		return rendered().response;
	}

	/**
	 * Makes {@code /system/resource} report the given figures, in either source, until
	 * {@link #clearOverride()}.
	 * @param figures the figures to report
	 */
	public void override(ResourceFigures figures) {
		if (figures == null) {
			throw new IllegalArgumentException("figures are required");
		}
		this.override = figures;
	}

	/**
	 * The figures set by {@link #override(ResourceFigures)}, if any.
	 * @return the override
	 */
	public Optional<ResourceFigures> overridden() {
		return Optional.ofNullable(this.override);
	}

	/**
	 * Back to the source's own figures (the machine's, or the fixture's).
	 */
	public void clearOverride() {
		this.override = null;
	}

	byte[] json() {
		return rendered().json;
	}

	private Rendered rendered() {
		ResourceFigures figures = figures();
		Rendered rendered = this.rendered;
		if (rendered == null || rendered.figures != figures) {
			ResourceResponse response = figures.toResponse();
			rendered = new Rendered(figures, response, this.jsonMapper.writeValueAsBytes(response));
			this.rendered = rendered;
		}
		return rendered;
	}

	private record Rendered(ResourceFigures figures, ResourceResponse response, byte[] json) {

	}

}
