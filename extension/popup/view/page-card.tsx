import type { ComponentChildren } from 'preact'
import type { Omitted } from '../../../src/state-budget.ts'
import { useState } from 'preact/hooks'
import type { Component, Incident, Maintenance, Snapshot } from '../../../src/model.ts'
import { componentLabel } from '../../../src/model.ts'
import { COMPONENT_STATUS_WORDS, maintenanceWindow } from '../../../src/text/event-text.ts'
import { safeLinkFor } from '../../../src/text/safe-link.ts'
import type { PageView } from '../../messaging/protocol.ts'
import { errorWords, IMPACT_WORDS, LEVEL_WORDS, relativeTime, STATUS_WORDS } from './format.ts'
import type { PopupActions } from './types.ts'
import { dayStrip } from './day-strip.ts'
import { DayStrip } from './day-strip.tsx'
import type { HistoryMark } from '../../messaging/protocol.ts'

/** Above this many components the full list starts collapsed. */
const OPEN_COMPONENTS_MAX = 8

interface CardProps {
  readonly page: PageView
  readonly now: number
  readonly actions: PopupActions
}

/** Links come from untrusted JSON: only what safeLinkFor allows, else nothing clickable. */
function SafeLink({ url, page, children }: { url: string | null; page: PageView; children: ComponentChildren }) {
  const href = safeLinkFor(url, page.url, page.platform)
  if (href === '') return <>{children}</>
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  )
}

export function LevelBadge({ page }: { page: PageView }) {
  const level = page.level
  return (
    <span class={`level level-${level ?? 'unknown'}`}>
      <span class="dot" aria-hidden="true" />
      {level !== null ? LEVEL_WORDS[level] : page.lastCheckedAt === null ? 'Not checked yet' : 'Unknown'}
    </span>
  )
}

function ErrorNotice({ page, actions }: CardProps) {
  const missing = page.permission === 'missing' || page.lastError?.kind === 'permission'
  if (missing) {
    return (
      <div class="notice notice-error">
        <p>
          <strong>Permission missing.</strong> The extension may not read {new URL(page.url).host} yet.
        </p>
        <button type="button" onClick={() => actions.grantPermission(page)}>
          Grant access to {page.name}
        </button>
      </div>
    )
  }
  if (page.lastError === null) return null
  const words = errorWords(page.lastError)
  return (
    <div class="notice notice-error">
      <p>
        <strong>{words.title}.</strong> {words.detail}
        {page.lastOkAt === null ? '' : ' Showing the last good state.'}
      </p>
    </div>
  )
}

function IncidentItem({ incident, page, now }: { incident: Incident; page: PageView; now: number }) {
  const latest = incident.updates[0]
  return (
    <li class={`item impact-${incident.impact}`}>
      <h4>
        <SafeLink url={incident.url} page={page}>
          {incident.name}
        </SafeLink>
      </h4>
      <p class="meta">
        {IMPACT_WORDS[incident.impact]} · {STATUS_WORDS[incident.status]}
        {latest?.at != null ? ` · ${relativeTime(latest.at, now)}` : ''}
      </p>
      {latest !== undefined && latest.text !== '' ? <p class="update-text">{latest.text}</p> : null}
    </li>
  )
}

function MaintenanceItem({ maintenance, page, now }: { maintenance: Maintenance; page: PageView; now: number }) {
  const span = maintenanceWindow(maintenance.scheduledFor, maintenance.scheduledUntil)
  const latest = maintenance.updates[0]
  // "in 3 h" helps; past 30 days relativeTime gives a date the window already shows.
  const when = maintenance.scheduledFor === null || maintenance.status !== 'scheduled' ? null : relativeTime(maintenance.scheduledFor, now)
  const soon = when === null || when.startsWith('on ') ? null : when
  return (
    <li class="item impact-maintenance">
      <h4>
        <SafeLink url={maintenance.url} page={page}>
          {maintenance.name}
        </SafeLink>
      </h4>
      <p class="meta">
        {STATUS_WORDS[maintenance.status]}
        {span === null ? '' : ` · ${span}`}
        {soon === null ? '' : ` (${soon})`}
      </p>
      {latest !== undefined && latest.text !== '' ? <p class="update-text">{latest.text}</p> : null}
    </li>
  )
}

function ComponentRow({ component, label }: { component: Component; label: string }) {
  return (
    <li class={`component status-${component.status}`}>
      <span class="component-name">{label}</span>
      <span class="component-status">
        <span class="dot" aria-hidden="true" />
        {COMPONENT_STATUS_WORDS[component.status]}
      </span>
    </li>
  )
}

const problemsFirst = (components: readonly Component[]): Component[] =>
  [...components].sort((a, b) => Number(a.status === 'operational') - Number(b.status === 'operational'))

/**
 * Every component, in the page's groups and order, each group's problems first. A collapsed list
 * renders its rows only once opened: at 100 pages the collapsed lists were most of the popup's
 * first DOM (hundreds of rows nobody sees until they ask).
 */
function ComponentList({ snapshot }: { snapshot: Snapshot }) {
  const { components, groups } = snapshot
  const [open, setOpen] = useState(components.length <= OPEN_COMPONENTS_MAX)
  const ungrouped = components.filter((c) => c.groupId === null || !groups.some((g) => g.id === c.groupId))
  const sections = [
    ...(ungrouped.length > 0 ? [{ id: '', name: '', members: ungrouped }] : []),
    ...groups.map((g) => ({ ...g, members: components.filter((c) => c.groupId === g.id) })).filter((g) => g.members.length > 0),
  ]
  const broken = components.filter((c) => c.status !== 'operational')
  return (
    <details class="components" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        All {components.length} components{broken.length > 0 ? ` (${broken.length} not operational)` : ', all operational'}
      </summary>
      {open
        ? sections.map((section) => (
            <div key={section.id} class="component-group">
              {section.name !== '' ? <h5>{section.name}</h5> : null}
              <ul>
                {problemsFirst(section.members).map((c) => (
                  <ComponentRow key={c.id} component={c} label={c.name} />
                ))}
              </ul>
            </div>
          ))
        : null}
    </details>
  )
}

export function PageCard({ page, now, actions, marks }: CardProps & { marks: readonly HistoryMark[] }) {
  const snapshot = page.snapshot
  const days = dayStrip(marks, snapshot, now, page.key)
  const broken = snapshot?.components.filter((c) => c.status !== 'operational') ?? []
  const headingId = `page-${page.key}`
  return (
    <section class="page-card" aria-labelledby={headingId}>
      <header class="page-head">
        <h2 id={headingId}>{page.name}</h2>
        <LevelBadge page={page} />
      </header>
      {/* A page never read and with no history would show seven empty days: noise. */}
      {snapshot !== null || days.some((d) => d.worst !== null) ? <DayStrip cells={days} pageKey={page.key} /> : null}
      {snapshot?.reading !== undefined ? (
        <p class="reading">
          Our reading: <span class={`level-${snapshot.reading}`}>{LEVEL_WORDS[snapshot.reading]}</span>. The page itself says {LEVEL_WORDS[snapshot.level]}; its incidents and components say worse.
        </p>
      ) : null}
      <ErrorNotice page={page} now={now} actions={actions} />
      {snapshot !== null && snapshot.incidents.length > 0 ? (
        <CardList title="Active incidents" count={snapshot.incidents.length} listClass="items">
          {snapshot.incidents.map((incident) => (
            <IncidentItem key={incident.id} incident={incident} page={page} now={now} />
          ))}
        </CardList>
      ) : null}
      {broken.length > 0 && snapshot !== null ? (
        <CardList title="Affected components" count={broken.length} listClass="components-affected">
          {broken.map((c) => (
            <ComponentRow key={c.id} component={c} label={componentLabel(snapshot, c)} />
          ))}
        </CardList>
      ) : null}
      {snapshot !== null && snapshot.maintenances.length > 0 ? (
        <CardList title="Maintenance" count={snapshot.maintenances.length} listClass="items">
          {snapshot.maintenances.map((m) => (
            <MaintenanceItem key={m.id} maintenance={m} page={page} now={now} />
          ))}
        </CardList>
      ) : null}
      {snapshot !== null && snapshot.components.length > 0 ? <ComponentList snapshot={snapshot} /> : null}
      {page.omitted === undefined ? null : <p class="note muted">{omittedWords(page.omitted)}</p>}
      <p class="page-foot">
        <span>{page.lastCheckedAt === null ? 'not checked yet' : `checked ${relativeTime(page.lastCheckedAt, now)}`}</span>
        <SafeLink url={null} page={page}>
          Open status page
        </SafeLink>
      </p>
    </section>
  )
}

function CardList({ title, count, listClass, children }: { title: string; count: number; listClass: string; children: ComponentChildren }) {
  return (
    <>
      <h3>
        {title} ({count})
      </h3>
      <ul class={listClass}>{children}</ul>
    </>
  )
}

/** The storage budget's cuts, said once under the card: the page lists more than is kept. */
function omittedWords(omitted: Omitted): string {
  const parts = [
    [omitted.incidents, 'incident'],
    [omitted.maintenances, 'maintenance'],
    [omitted.components, 'component'],
  ] as const
  const said = parts.filter(([n]) => n > 0).map(([n, noun]) => `${n.toLocaleString('en-US')} more ${noun}${n === 1 ? '' : 's'}`)
  return `This page lists more than the extension keeps: … and ${said.join(', ')} not shown. Long texts are cut short.`
}
